/** Helpers of the latency packages that are not API: the CSV files latency data is kept in. */
package dev.nas.latency.internal;
