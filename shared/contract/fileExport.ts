// Stub: the channels of this feature are defined by its slice.
export const fileExportChannels = {};
