import type { DocumentKind } from '../../../../shared/domain/paper';
import { formBuilders } from '../forms/documents';
import { fundsBuilders } from '../funds/documents';
import { assetsBuilders } from '../assets/documents';
import { noticeBuilders } from '../notices/documents';
import { paymentBuilders } from '../payments/documents';
import { postBuilders } from '../posts/documents';
import { reportBuilders } from '../reports/monthlyDocument';
import type { DocumentBuilder } from './types';

/** Every printable kind → how to build it; verify rebuilds a printed document through this map. */
export const documentBuilders: Readonly<Record<DocumentKind, DocumentBuilder>> = { ...noticeBuilders, ...formBuilders, ...postBuilders, ...paymentBuilders, ...fundsBuilders, ...assetsBuilders, ...reportBuilders };
