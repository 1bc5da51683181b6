import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/dates/styles.css';
import './app/disabled.css';
import './app/toasts.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';

const root = document.getElementById('root');
if (!root) throw new Error('页面缺少 #root 节点');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
