import { Directive } from 'type-graphql';

/** A root field anyone may call without a token: the explicit opt-out from deny-by-default. */
export const Public = () => Directive('@public');
