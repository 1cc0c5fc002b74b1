import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Course, CourseOffer } from '../../../../domain/entities';
import { findOr404 } from '../../common/find';
import { pageWindow, type PageQuery } from '../../common/pagination';
import { badRequest } from '../../common/validation';
import type { CourseOfferQuery, CreateCourseDto, CreateCourseOfferDto } from './courses.dto';

export interface OfferWithCount {
  offer: CourseOffer;
  enrolmentCount: number;
}

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

  async createOffer(dto: CreateCourseOfferDto): Promise<OfferWithCount> {
    if (dto.endDate < dto.startDate) {
      throw badRequest([{ field: 'endDate', messages: ['endDate must be on or after startDate'] }]);
    }
    const course = await findOr404(this.em, Course, dto.courseId);
    const offer = this.em.create(CourseOffer, { ...dto, course });
    await this.em.flush();
    return { offer, enrolmentCount: 0 };
  }

  async getOffer(id: string): Promise<OfferWithCount> {
    const offer = await findOr404(this.em, CourseOffer, id, { populate: ['course'] }, 'Course offer');
    const [counted] = await this.withEnrolmentCounts([offer]);
    return counted!;
  }

  async listOffers(query: CourseOfferQuery): Promise<[OfferWithCount[], number]> {
    const [offers, total] = await this.em.findAndCount(CourseOffer, query.courseId ? { course: query.courseId } : {}, {
      populate: ['course'],
      orderBy: { startDate: 'desc' },
      ...pageWindow(query),
    });
    return [await this.withEnrolmentCounts(offers), total];
  }

  /** Each offer with its number of enrolments, counted for the whole page in one query. */
  private async withEnrolmentCounts(offers: CourseOffer[]): Promise<OfferWithCount[]> {
    const rows = offers.length
      ? await this.em.execute<Array<{ course_offer_id: string; count: number }>>(
          `select course_offer_id, count(*)::int as count from course_enrolment
            where course_offer_id in (?) group by course_offer_id`,
          [offers.map((offer) => offer.id)],
        )
      : [];
    const counts = new Map(rows.map((row) => [row.course_offer_id, row.count]));
    return offers.map((offer) => ({ offer, enrolmentCount: counts.get(offer.id) ?? 0 }));
  }
}
