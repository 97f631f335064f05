import { z } from 'zod';

/** Form fields shared by several forms. Domain rules live in lib/, these only shape the input. */
export const visibilitySchema = z.enum(['private', 'internal', 'public'], { message: 'Choose a visibility level' });

/** An optional numeric id posted as a string ('' means none). */
export const optionalIdSchema = z
  .string()
  .optional()
  .transform((value, ctx) => {
    if (!value) return null;
    const id = Number(value);
    if (!Number.isSafeInteger(id) || id <= 0) {
      ctx.addIssue({ code: 'custom', message: 'is not a valid choice' });
      return z.NEVER;
    }
    return id;
  });

export const requiredIdSchema = z.coerce.number({ message: 'is not a valid choice' }).int().positive('is not a valid choice');
