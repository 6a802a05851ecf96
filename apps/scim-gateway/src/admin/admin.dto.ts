import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateCompanyDto {
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  name: string;
}

export class CreateLocationDto {
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  name: string;
}

export class UpdateLocationDto {
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  name: string;
}

export class SetGroupLocationsDto {
  @IsArray()
  @ArrayMaxSize(1000)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  locationIds: string[];
}

export class PageQueryDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
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
