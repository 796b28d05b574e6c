// A worker thread starts without the TypeScript loader of the thread that made it: register it first.
import { register } from 'tsx/esm/api';

register();
await import('./member-import.thread.ts');
