import type { ChannelName } from '../../../../shared/contract';
import type { fileExportChannels } from '../../../../shared/contract/fileExport';
import type { fileImportChannels } from '../../../../shared/contract/fileImport';

// The files feature is written as two halves (import; export and submission) that share the
// `files.` prefix; each half's handler map covers exactly its own contract file.
export type ImportChannel = Extract<ChannelName, keyof typeof fileImportChannels>;
export type ExportChannel = Extract<ChannelName, keyof typeof fileExportChannels>;
