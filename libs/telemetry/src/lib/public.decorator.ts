import { SetMetadata } from '@nestjs/common';

/** Marks a route or controller as reachable without a token or API key. */
export const IS_PUBLIC = 'wealist:isPublic';
export const Public = (): ClassDecorator & MethodDecorator => SetMetadata(IS_PUBLIC, true);
