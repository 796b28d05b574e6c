// The load of many users at once, run in a process of its own like any outside client, so that the
// server's event loop does not also carry the clients. Reads its task as JSON from argv[2]:
// { base, mix: [{ cookie, path }], users, seconds, timeoutMs }; prints { samples, errors, seconds } as JSON.
const task = JSON.parse(process.argv[2]);

async function call(cookie, path) {
  const start = process.hrtime.bigint();
  try {
    const res = await fetch(`${task.base}${path}`, {
      headers: cookie ? { cookie } : {},
      signal: AbortSignal.timeout(task.timeoutMs),
    });
    await res.arrayBuffer();
    return { ms: Number(process.hrtime.bigint() - start) / 1e6, ok: res.status === 200 };
  } catch {
    return { ms: Number(process.hrtime.bigint() - start) / 1e6, ok: false };
  }
}

const deadline = Date.now() + task.seconds * 1000;
const samples = [];
let errors = 0;
const started = Date.now();
await Promise.all(
  Array.from({ length: task.users }, async (_, u) => {
    for (let k = u; Date.now() < deadline; k++) {
      const { cookie, path } = task.mix[k % task.mix.length];
      const r = await call(cookie, path);
      samples.push(r.ms);
      if (!r.ok) errors++;
    }
  }),
);
process.stdout.write(JSON.stringify({ samples, errors, seconds: (Date.now() - started) / 1000 }));
