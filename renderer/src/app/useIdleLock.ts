import { useEffect, useRef } from 'react';

const activityEvents = ['mousemove', 'mousedown', 'keydown', 'wheel', 'touchstart', 'scroll'] as const;
const checkEveryMs = 5_000;

interface IdleLockOptions {
  enabled: boolean;
  idleMinutes: number;
  /** Called once when nobody has touched mouse or keyboard for idleMinutes. */
  onIdle: () => void;
  /**
   * Called now and then while someone is working (at most once a minute, and often enough to beat
   * the core's own idle clock), so the core, which locks after idleMinutes without a call, knows
   * the person at the keyboard is still there.
   */
  onActive?: () => void;
}

/**
 * Watches mouse and keyboard activity in this window and calls onIdle after idleMinutes without
 * any. Times are compared, not counted down, so a PC waking from sleep locks at once.
 */
export function useIdleLock({ enabled, idleMinutes, onIdle, onActive }: IdleLockOptions): void {
  const callbacks = useRef({ onIdle, onActive });
  useEffect(() => {
    callbacks.current = { onIdle, onActive };
  });

  useEffect(() => {
    if (!enabled) return;
    const idleMs = idleMinutes * 60_000;
    const heartbeatEveryMs = Math.min(60_000, idleMs / 4);
    let lastActivity = Date.now();
    let lastHeartbeat = lastActivity;
    let fired = false;
    const mark = () => {
      lastActivity = Date.now();
    };
    for (const name of activityEvents) window.addEventListener(name, mark, { passive: true, capture: true });
    const timer = window.setInterval(() => {
      if (fired) return;
      const now = Date.now();
      if (now - lastActivity >= idleMs) {
        fired = true;
        callbacks.current.onIdle();
      } else if (lastActivity > lastHeartbeat && now - lastHeartbeat >= heartbeatEveryMs) {
        lastHeartbeat = now;
        callbacks.current.onActive?.();
      }
    }, checkEveryMs);
    return () => {
      window.clearInterval(timer);
      for (const name of activityEvents) window.removeEventListener(name, mark, { capture: true });
    };
  }, [enabled, idleMinutes]);
}
