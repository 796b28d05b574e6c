// Builds the test datasets (the migrated schema and the demo city) into GONGHUI_TEST_DATA_DIR ahead of the
// suites, which then find them there and clone them; CI runs it beside lint and typecheck. The datasets
// are sealed with GONGHUI_SECRET_KEY, which the suites must be given too.
import { register } from 'tsx/esm/api';

if (!process.env.GONGHUI_TEST_DATA_DIR || !process.env.GONGHUI_SECRET_KEY) {
  console.error('请先设置 GONGHUI_TEST_DATA_DIR 与 GONGHUI_SECRET_KEY');
  process.exit(1);
}
// Built exactly as the test runner would build them, with its settings (such as its password work factor).
process.env.VITEST = 'true';
register();
const { default: setup } = await import('./test-data.setup.ts');
await setup();
