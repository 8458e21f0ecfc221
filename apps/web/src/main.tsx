import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { SessionProvider } from './auth/session';
import { ApiError } from './api/errors';
import { AppRoutes } from './App';
import { jobSearchQuery } from './pages/public/job-search-query';
import './styles.css';

dayjs.locale('zh-cn');

const queries = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      // A 4xx will not change by asking again; a network blip on a village line might.
      retry: (n, err) => n < 2 && !(err instanceof ApiError && err.status >= 400 && err.status < 500),
      refetchOnWindowFocus: false,
    },
  },
});

// Arriving on a search address: ask for the results now, while the page's code downloads.
if (window.location.pathname === '/jobs') {
  void queries.prefetchQuery(jobSearchQuery(new URLSearchParams(window.location.search)));
  void import('./pages/public/JobSearch');
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider
      locale={zhCN}
      // 登录, 确定: written as words, not spaced out letter by letter.
      button={{ autoInsertSpace: false }}
      theme={{
        token: {
          fontSize: 16,
          controlHeight: 44,
          colorPrimary: '#1456b8',
          borderRadius: 8,
          // Grey hints and placeholders dark enough to read (WCAG AA 4.5:1 on white).
          colorTextDescription: '#595959',
          colorTextPlaceholder: '#6b6b6b',
          colorTextTertiary: '#595959',
          // Danger buttons and error text readable too (antd's #ff4d4f is 3.3:1).
          colorError: '#c41d1f',
        },
      }}
    >
      <AntApp>
        <QueryClientProvider client={queries}>
          <BrowserRouter>
            <SessionProvider>
              <AppRoutes />
            </SessionProvider>
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
