export { HelpPage } from './HelpPage';
export { ImportKindHelp } from './ImportKindHelp';
