import type { ChannelDef } from './channel';

export const thresholdsChannels = {} satisfies Record<string, ChannelDef>;
