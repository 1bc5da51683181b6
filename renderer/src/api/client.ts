import type { ChannelName, InputOf, OutputOf } from '../../../shared/contract';
import type { LedgerBridge } from '../../../shared/contract/bridge';
import type { AppErrorShape, ErrorCode, Result } from '../../../shared/lib/result';

declare global {
  interface Window {
    /** Present in the Electron window (preload); absent in the browser host. */
    ledger?: LedgerBridge;
  }
}

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly fields: Record<string, string>;
  constructor(shape: AppErrorShape) {
    super(shape.message);
    this.code = shape.code;
    this.fields = shape.fields ?? {};
  }
}

type Listener = (error: ApiError) => void;
const sessionListeners = new Set<Listener>();

/** The app frame listens here to show the lock screen or the login page when the core says so. */
export function onSessionError(listener: Listener): () => void {
  sessionListeners.add(listener);
  return () => sessionListeners.delete(listener);
}

async function httpInvoke(channel: string, input: unknown): Promise<Result<unknown>> {
  let response: Response;
  try {
    response = await fetch(`/api/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input ?? {}),
      credentials: 'same-origin',
    });
  } catch {
    return { ok: false, error: { code: 'INTERNAL', message: '无法连接本机服务，请确认程序仍在运行后刷新页面' } };
  }
  try {
    return (await response.json()) as Result<unknown>;
  } catch {
    return { ok: false, error: { code: 'INTERNAL', message: `本机服务返回了无法识别的内容（${response.status}），请刷新页面重试` } };
  }
}

/** Calls a contract channel; resolves with its output or throws ApiError with a Chinese message. */
export async function invoke<C extends ChannelName>(channel: C, input: InputOf<C>): Promise<OutputOf<C>> {
  const result = window.ledger ? await window.ledger.invoke(channel, input) : await httpInvoke(channel, input);
  if (result.ok) return result.data as OutputOf<C>;
  const error = new ApiError(result.error);
  if (error.code === 'LOCKED' || error.code === 'NOT_SIGNED_IN') sessionListeners.forEach((l) => l(error));
  throw error;
}
