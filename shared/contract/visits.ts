import type { ChannelDef } from './channel';

export const visitsChannels = {} satisfies Record<string, ChannelDef>;
