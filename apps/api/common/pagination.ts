import type { Type as ClassType } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** No list has a million pages; the bound keeps (page - 1) * pageSize a number PostgreSQL takes as an offset. */
export const maxPage = 1_000_000;

export class PageQuery {
  @ApiPropertyOptional({ default: 1, minimum: 1, maximum: maxPage })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'page must be a whole number' })
  @Min(1, { message: 'page must be 1 or more' })
  @Max(maxPage, { message: `page must be at most ${maxPage}` })
  page: number = 1;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  pageSize: number = 50;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export function pageOf<E, T>(query: PageQuery, [rows, total]: [E[], number], map: (row: E) => T): Page<T> {
  return { items: rows.map(map), total, page: query.page, pageSize: query.pageSize };
}

export function pageWindow(query: PageQuery): { limit: number; offset: number } {
  return { limit: query.pageSize, offset: (query.page - 1) * query.pageSize };
}

const pageClasses = new Map<ClassType, ClassType>();

/** The OpenAPI schema of a page of `item` (`<Item>Page`), for @ApiOkResponse: one class per item class. */
export function PageOfType<T>(item: ClassType<T>): ClassType<Page<T>> {
  let page = pageClasses.get(item) as ClassType<Page<T>> | undefined;
  if (page) return page;
  class ItemPage implements Page<T> {
    @ApiProperty({ type: [item] }) items!: T[];
    @ApiProperty() total!: number;
    @ApiProperty() page!: number;
    @ApiProperty() pageSize!: number;
  }
  Object.defineProperty(ItemPage, 'name', { value: `${item.name.replace(/Response$/, '')}Page` });
  page = ItemPage;
  pageClasses.set(item, page);
  return page;
}
