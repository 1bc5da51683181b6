import type { ChannelName, OutputOf, ParsedInputOf } from '../../shared/contract';
import type { HandlerContext } from './context';

export type Handler<C extends ChannelName> = (input: ParsedInputOf<C>, ctx: HandlerContext) => Promise<OutputOf<C>>;

/** The channels of one feature, e.g. `FeatureChannel<'households'>` = 'households.list' | … */
export type FeatureChannel<F extends string> = Extract<ChannelName, `${F}.${string}`>;

/** A feature's handler map: a missing or misspelt channel is a compile error. */
export type FeatureHandlers<F extends string> = { [C in FeatureChannel<F>]: Handler<C> };
