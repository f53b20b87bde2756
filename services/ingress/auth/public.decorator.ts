import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'switchyard:public';

/** Routes that answer without an API key (model list, health), as on OpenRouter. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
