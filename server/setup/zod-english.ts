/** zod/mini ships without messages ("Invalid input"): the server loads the English ones for clear errors. */
import * as z from 'zod/mini';

z.config(z.locales.en());
