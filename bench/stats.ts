/** Timing helpers: percentiles over repeated runs, and ratios against a baseline measured in the same run. */
export interface Timing {
  p50: number;
  p95: number;
  runs: number;
}

export async function time(runs: number, fn: () => Promise<unknown>): Promise<Timing> {
  await fn(); // warm
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))];
  return { p50: at(0.5), p95: at(0.95), runs };
}

export function report(name: string, subject: Timing, baseline: Timing) {
  const ms = (t: Timing) => `p50 ${t.p50.toFixed(2)} ms, p95 ${t.p95.toFixed(2)} ms`;
  console.log(
    `${name}\n  gonghui:  ${ms(subject)}\n  baseline: ${ms(baseline)}\n  ratio (baseline p50 / gonghui p50): ${(baseline.p50 / subject.p50).toFixed(1)}×`,
  );
}
