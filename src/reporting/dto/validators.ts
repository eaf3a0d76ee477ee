import { Transform } from 'class-transformer';
import { Matches } from 'class-validator';
import { CANONICAL_INSTANT, INSTANT_FORMAT_HINT, parseInstant } from '../instant.js';

/** An ISO 8601 date or zoned date-time, converted to its canonical UTC form (see parseInstant). */
export const IsInstant =
  (property: string): PropertyDecorator =>
  (target, key) => {
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? (parseInstant(value) ?? value) : value))(
      target,
      key,
    );
    Matches(CANONICAL_INSTANT, { message: `${property} must be ${INSTANT_FORMAT_HINT}` })(target, key);
  };

/**
 * A query string decodes "+" as a space, so "?caller=+15551230123" arrives as " 15551230123": a
 * number that lost its plus this way gets it back ("%2B" is the exact spelling).
 */
export const NormalizeCaller = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => {
    if (typeof value !== 'string') return value;
    return /^ \d+$/.test(value) ? `+${value.slice(1)}` : value.trim();
  });
