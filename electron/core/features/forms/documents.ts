import type { FormKind } from '../../../../shared/domain/paper';
import { AppError } from '../../../../shared/lib/result';
import type { DocumentBuilder } from '../../print/types';

// Stub: replaced by the forms slice.
const notYet: DocumentBuilder = {
  build: () => Promise.reject(new AppError('NOT_FOUND', '尚未实现')),
};
export const formBuilders: Record<FormKind, DocumentBuilder> = {
  'form.application': notYet,
  'form.collection': notYet,
  'form.approval': notYet,
  'form.measures': notYet,
  'form.elimination': notYet,
  'form.visit': notYet,
};
