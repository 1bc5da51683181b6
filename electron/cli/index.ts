// Stub: the command line (import|export|submission|verify|backup|restore|check), replaced by the backups/CLI slice.
console.error('命令行尚未实现 / not implemented yet');
process.exit(2);
