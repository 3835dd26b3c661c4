/**
 * ONNX: a trained DL4J network exported as an ONNX model ({@link dev.nas.eval.onnx.OnnxExport}), loaded and run by
 * the engine that ships it, ONNX Runtime ({@link dev.nas.eval.onnx.OrtModel}), checked against DL4J ({@link
 * dev.nas.eval.onnx.Agreement}) and timed for latency ({@link dev.nas.eval.onnx.OrtInferenceProbe}). It builds on
 * {@code dev.nas.eval.dl4j}, never the other way.
 */
package dev.nas.eval.onnx;
