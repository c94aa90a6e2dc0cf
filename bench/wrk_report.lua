-- wrk script for bench/run.py: prints one machine-readable line with the
-- latency percentiles (microseconds) and the error counts. No per-response
-- callback: wrk then skips parsing bodies into Lua and stays light on the CPU
-- it shares with the server. bench/run.py checks each URL's answer (200 and
-- the expected content) before and after the load.

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_RESULT {"requests": %d, "duration_us": %d, "bytes": %d, "p50_us": %d, "p90_us": %d, '
      .. '"p99_us": %d, "max_us": %d, "mean_us": %.1f, "not_2xx_3xx": %d, "connect_errors": %d, '
      .. '"read_errors": %d, "write_errors": %d, "timeouts": %d}\n',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean,
    e.status, e.connect, e.read, e.write, e.timeout
  ))
end
