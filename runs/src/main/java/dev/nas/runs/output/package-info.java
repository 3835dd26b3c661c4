/** Where commands write what the user asked for: checked before, complete or absent after. */
package dev.nas.runs.output;
