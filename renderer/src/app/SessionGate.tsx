import { Box } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import type { Office } from '../../../shared/contract/settings';
import type { SessionUser } from '../../../shared/contract/users';
import { ErrorBlock, LoadingBlock } from '../components/PageStates';
import { errorMessage } from '../components/formErrors';
import { officeName } from '../components/format';
import { SetupPage } from '../features/settings/SetupPage';
import { LockScreen } from '../features/users/LockScreen';
import { LoginPage } from '../features/users/LoginPage';
import { ForcedPasswordChange } from '../features/users/ForcedPasswordChange';
import { invoke, onSessionError } from '../api/client';
import { forgetUserData, meQuery, statusQuery } from '../api/queries';
import { AppRoutes } from './routes';
import { SessionContext, type Session } from '../api/session';
import { useIdleLock } from './useIdleLock';

const appName = '乡村振兴台账';

/**
 * Decides what the window shows: 首次设置 until the office is configured, then the login page,
 * then the frame — with the lock screen laid over it (the frame stays mounted, so a half-filled
 * form survives locking and unlocking).
 */
export function SessionGate() {
  const queryClient = useQueryClient();
  const status = useQuery(statusQuery);
  const configured = status.data?.configured === true;
  const me = useQuery({ ...meQuery, enabled: configured });
  const [loginName, setLoginName] = useState('');
  const [loginNotice, setLoginNotice] = useState<string | null>(null);
  const office = status.data?.office ?? null;

  useEffect(() => {
    document.title = office ? `${officeName(office)} · ${appName}` : appName;
  }, [office]);

  // The core has the last word: LOCKED from any call shows the lock screen, NOT_SIGNED_IN the login page.
  useEffect(
    () =>
      onSessionError((error) => {
        queryClient.setQueryData(meQuery.queryKey, (old) => {
          const idleMinutes = old?.idleMinutes ?? 15;
          if (error.code === 'LOCKED') return old?.user ? { ...old, locked: true } : old;
          return { user: null, locked: false, mustChangePassword: false, idleMinutes };
        });
        if (error.code === 'NOT_SIGNED_IN') {
          setLoginNotice(error.message === '请先登录' ? '登录已失效（例如程序重新启动过），请重新登录' : error.message);
        }
      }),
    [queryClient],
  );

  if (status.isPending) return <LoadingBlock fullScreen label="正在启动…" />;
  if (status.isError) {
    return (
      <Box p="xl" maw={640} mx="auto">
        <ErrorBlock title="无法读取本机数据" error={status.error} onRetry={() => void status.refetch()} />
      </Box>
    );
  }
  if (!configured) {
    return (
      <SetupPage
        onDone={(username) => {
          setLoginName(username);
          void queryClient.invalidateQueries({ queryKey: statusQuery.queryKey });
        }}
      />
    );
  }
  if (me.isPending) return <LoadingBlock fullScreen label="正在启动…" />;
  if (me.isError) {
    return (
      <Box p="xl" maw={640} mx="auto">
        <ErrorBlock title="无法读取登录状态" error={me.error} onRetry={() => void me.refetch()} />
      </Box>
    );
  }
  const { user, locked, mustChangePassword, idleMinutes } = me.data;
  if (!user) {
    return (
      <LoginPage
        title={office ? `${officeName(office)} · ${appName}` : appName}
        defaultUsername={loginName}
        notice={loginNotice}
        onLoggedIn={(signedIn, mustChange) => {
          forgetUserData(queryClient);
          setLoginNotice(null);
          setLoginName(signedIn.username);
          queryClient.setQueryData(meQuery.queryKey, { user: signedIn, locked: false, mustChangePassword: mustChange, idleMinutes });
          void queryClient.invalidateQueries({ queryKey: meQuery.queryKey });
        }}
      />
    );
  }
  if (mustChangePassword) {
    return (
      <ForcedPasswordChange
        user={user}
        onChanged={() => queryClient.setQueryData(meQuery.queryKey, (old) => (old ? { ...old, mustChangePassword: false } : old))}
        onLogout={() => {
          invoke('users.logout', {}).catch(() => undefined);
          queryClient.setQueryData(meQuery.queryKey, { user: null, locked: false, mustChangePassword: false, idleMinutes });
          forgetUserData(queryClient);
        }}
      />
    );
  }
  return <SignedIn user={user} locked={locked} idleMinutes={idleMinutes} office={office} />;
}

function SignedIn({ user, locked, idleMinutes, office }: { user: SessionUser; locked: boolean; idleMinutes: number; office: Office | null }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  const setLocked = useCallback(
    (value: boolean) => queryClient.setQueryData(meQuery.queryKey, (old) => (old?.user ? { ...old, locked: value } : old)),
    [queryClient],
  );

  const lock = useCallback(() => {
    setLocked(true);
    // Even if the call fails the screen is locked; the core locks on its own clock as well.
    invoke('users.lock', {}).catch(() => undefined);
  }, [setLocked]);

  const logout = useCallback(async () => {
    try {
      await invoke('users.logout', {});
    } catch (err) {
      notifications.show({ color: 'red', title: '退出登录时出错', message: errorMessage(err) });
    }
    queryClient.setQueryData(meQuery.queryKey, (old) => ({ user: null, locked: false, mustChangePassword: false, idleMinutes: old?.idleMinutes ?? idleMinutes }));
    forgetUserData(queryClient);
    void navigate('/');
  }, [queryClient, navigate, idleMinutes]);

  const heartbeat = useCallback(() => {
    invoke('users.touch', {}).catch(() => undefined);
  }, []);

  useIdleLock({ enabled: !locked, idleMinutes, onIdle: lock, onActive: heartbeat });

  const session = useMemo<Session>(() => ({ user, office, idleMinutes, lock, logout }), [user, office, idleMinutes, lock, logout]);

  return (
    <SessionContext.Provider value={session}>
      {/* inert: while locked nothing under the lock screen can be clicked, focused or read aloud. */}
      <div inert={locked} aria-hidden={locked || undefined}>
        <AppRoutes />
      </div>
      {locked && (
        <LockScreen
          user={user}
          idleMinutes={idleMinutes}
          onUnlocked={() => {
            setLocked(false);
            // Only what failed while locked is fetched again; loaded pages and forms stay as they were.
            void queryClient.refetchQueries({ predicate: (q) => q.state.status === 'error' });
          }}
          onLogout={logout}
        />
      )}
    </SessionContext.Provider>
  );
}
