import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsDefined,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidationArguments,
  isUUID,
} from 'class-validator';

/** Names the elements of `locationIds` that are not UUIDs, so the client sees which one to fix. */
function invalidLocationIdsMessage(args: ValidationArguments): string {
  const values: unknown[] = Array.isArray(args.value) ? args.value : [args.value];
  const invalid = values.filter((value) => typeof value !== 'string' || !isUUID(value)).slice(0, 5);
  return `locationIds must contain location ids (UUIDs); invalid: ${invalid.map((value) => JSON.stringify(value)).join(', ')}`;
}

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateCompanyDto {
  @IsDefined({ message: 'name is required, e.g. {"name": "San Francisco HQ"}' })
  @Transform(trim)
  // class-validator reports the decorator nearest the property first, and stops there.
  @Length(1, 200, { message: 'name must be 1 to 200 characters long after trimming spaces' })
  @IsString({ message: 'name must be a string' })
  name: string;
}

export class CreateLocationDto {
  @IsDefined({ message: 'name is required, e.g. {"name": "San Francisco HQ"}' })
  @Transform(trim)
  // class-validator reports the decorator nearest the property first, and stops there.
  @Length(1, 200, { message: 'name must be 1 to 200 characters long after trimming spaces' })
  @IsString({ message: 'name must be a string' })
  name: string;
}

export class UpdateLocationDto {
  @IsDefined({ message: 'name is required, e.g. {"name": "San Francisco HQ"}' })
  @Transform(trim)
  // class-validator reports the decorator nearest the property first, and stops there.
  @Length(1, 200, { message: 'name must be 1 to 200 characters long after trimming spaces' })
  @IsString({ message: 'name must be a string' })
  name: string;
}

export class SetGroupLocationsDto {
  @IsDefined({ message: 'locationIds is required, e.g. {"locationIds": ["<location id>"]}; send [] to unmap the group' })
  @IsUUID('all', { each: true, message: invalidLocationIdsMessage })
  @ArrayUnique({ message: 'locationIds lists the same location more than once' })
  @ArrayMaxSize(1000, { message: 'locationIds may list at most 1000 locations' })
  @IsArray({ message: 'locationIds must be a list of location ids' })
  locationIds: string[];
}

export class PageQueryDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number from 1 to 500' })
  @Min(1, { message: 'limit must be a whole number from 1 to 500' })
  @Max(500, { message: 'limit must be a whole number from 1 to 500' })
  limit?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'offset must be a whole number of 0 or more' })
  @Min(0, { message: 'offset must be a whole number of 0 or more' })
  // Larger numbers lose precision, and PostgreSQL rejects an OFFSET above 2^63 - 1 with an error.
  @Max(Number.MAX_SAFE_INTEGER)
  offset?: number;
}

export interface CompanyResponseDto {
  id: string;
  name: string;
  createdAt: string;
}

export interface ScimTokenResponseDto {
  token: string;
  hint: string;
  createdAt: string;
}

export interface ScimStatusResponseDto {
  enabled: boolean;
  hint: string | null;
  createdAt: string | null;
  lastUsedAt: string | null;
}

export interface LocationResponseDto {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}
