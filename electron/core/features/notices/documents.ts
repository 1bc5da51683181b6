import type { NoticeKind } from '../../../../shared/domain/paper';
import { AppError } from '../../../../shared/lib/result';
import type { DocumentBuilder } from '../../print/types';

// Stub: replaced by the notices slice.
const notYet: DocumentBuilder = {
  build: () => Promise.reject(new AppError('NOT_FOUND', '尚未实现')),
};
export const noticeBuilders: Record<NoticeKind, DocumentBuilder> = { 'notice.identification': notYet, 'notice.elimination': notYet };
