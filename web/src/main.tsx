import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { setUnauthenticatedHandler } from './api/client.ts';
import { createQueryClient } from './api/queryClient.ts';
import { meKey } from './modules/auth/api/auth.ts';
import { App } from './App.tsx';
import './styles.css';

dayjs.locale('zh-cn');

const queryClient = createQueryClient();

setUnauthenticatedHandler(() => {
  queryClient.setQueryData(meKey, null);
});

// browser-check.js has already put up its page for a browser that cannot run the app.
const unsupported = 'gonghuiUnsupportedBrowser' in window;
const container = document.getElementById('root');
if (!unsupported && !container) throw new Error('#root is missing from index.html');

if (!unsupported && container) {
  createRoot(container).render(
    <StrictMode>
      <App queryClient={queryClient} />
    </StrictMode>,
  );
}
