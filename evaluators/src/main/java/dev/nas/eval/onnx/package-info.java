/** ONNX Runtime: exported models loaded and run by the engine that ships them. */
package dev.nas.eval.onnx;
