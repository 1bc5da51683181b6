import type { ChannelDef } from './channel';

export const incomeChannels = {} satisfies Record<string, ChannelDef>;
