import { ParseUUIDPipe } from '@nestjs/common';
import { Transform } from 'class-transformer';

/** Path ids: anything but a UUID is a 400 naming the parameter. */
export const uuid = new ParseUUIDPipe();

/** Query booleans arrive as strings; only true/false are accepted (others fail @IsBoolean). */
export const QueryBoolean = () => Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value));
