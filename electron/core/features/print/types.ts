import type { DocumentKind } from '../../../../shared/domain/paper';
import type { HandlerContext } from '../../context';
import type { SafeHtml } from './html';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** One document, built from the data; print/render.ts lays it on A4 pages with the footer. */
export interface BuiltDocument {
  kind: DocumentKind;
  /** The title printed at the top, e.g. "坪埠村防止返贫监测对象识别公示". */
  title: string;
  /**
   * What the builder needs to build the same document again later (verify): a case or visit id;
   * for a notice, the JSON list of the notice steps it listed.
   */
  recordRef: string;
  /** The record's code printed in the footer: a household code, or a village code for a notice. */
  recordCode: string;
  /** The facts the document shows, hashed for the content code and for signatures. */
  data: JsonValue;
  /** The body inside the page margins (the footer is added by the renderer). */
  body: SafeHtml;
}

export interface DocumentBuilder {
  /** Builds the document from the current data, or throws NOT_FOUND with a Chinese message. */
  build(ctx: HandlerContext, recordRef: string): Promise<BuiltDocument>;
}
