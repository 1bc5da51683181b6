import type { ChannelDef } from './channel';

export const measuresChannels = {} satisfies Record<string, ChannelDef>;
