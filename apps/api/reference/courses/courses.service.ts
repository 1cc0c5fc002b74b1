import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Course, CourseOffer } from '../../../../domain/entities';
import { findOr404 } from '../../common/find';
import { pageWindow, type PageQuery } from '../../common/pagination';
import { badRequest } from '../../common/validation';
import type { CourseOfferQuery, CreateCourseDto, CreateCourseOfferDto } from './courses.dto';

@Injectable()
export class CoursesService {
  constructor(private readonly em: EntityManager) {}

  async createCourse(dto: CreateCourseDto): Promise<Course> {
    const course = this.em.create(Course, dto);
    await this.em.flush();
    return course;
  }

  getCourse(id: string) {
    return findOr404(this.em, Course, id);
  }

  listCourses(query: PageQuery) {
    return this.em.findAndCount(Course, {}, { orderBy: { code: 'asc' }, ...pageWindow(query) });
  }

  async createOffer(dto: CreateCourseOfferDto): Promise<CourseOffer> {
    if (dto.endDate < dto.startDate) {
      throw badRequest([{ field: 'endDate', messages: ['endDate must be on or after startDate'] }]);
    }
    const course = await findOr404(this.em, Course, dto.courseId);
    const offer = this.em.create(CourseOffer, { ...dto, course });
    await this.em.flush();
    return offer;
  }

  getOffer(id: string) {
    return findOr404(this.em, CourseOffer, id, { populate: ['course'] }, 'Course offer');
  }

  listOffers(query: CourseOfferQuery) {
    return this.em.findAndCount(CourseOffer, query.courseId ? { course: query.courseId } : {}, {
      populate: ['course'],
      orderBy: { startDate: 'desc' },
      ...pageWindow(query),
    });
  }
}
