import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { Suspense } from 'react';
import { Outlet } from 'react-router';
import { PageLoading } from './plain';

dayjs.locale('zh-cn');

/**
 * antd, its Chinese locale and the platform's theme, for the pages that use antd's controls. A
 * chunk of its own: the home and search pages (plain.tsx) never load it.
 */
export default function AntShell() {
  return (
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
        {/* A page's chunk loading here leaves the shell (and its toasts) in place. */}
        <Suspense fallback={<PageLoading />}>
          <Outlet />
        </Suspense>
      </AntApp>
    </ConfigProvider>
  );
}
