import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from '@/components/popup/App';
import '@/components/common/base.css';

const root = document.getElementById('root');
if (root === null) throw new Error('popup: #root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
