import type { ChannelDef } from './channel';

export const monitoringChannels = {} satisfies Record<string, ChannelDef>;
