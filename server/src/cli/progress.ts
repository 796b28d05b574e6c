import cliProgress from 'cli-progress';

/** A progress bar on a terminal, plain lines elsewhere (CI logs, pipes). */
export function progressReporter(title: string) {
  if (!process.stderr.isTTY) {
    return {
      update: (step: string, done: number, total: number) =>
        console.error(`${title}：${step}（${done}/${total}）`),
      stop: () => {},
    };
  }
  const bar = new cliProgress.SingleBar(
    { format: `${title} [{bar}] {value}/{total} {step}`, stream: process.stderr, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update: (step: string, done: number, total: number) => {
      if (!started) {
        bar.start(total, done, { step });
        started = true;
      } else bar.update(done, { step });
    },
    stop: () => started && bar.stop(),
  };
}
