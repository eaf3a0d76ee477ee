import { Inject } from '@nestjs/common';

/** The host's TypeORM DataSource the IVR works on (IvrModuleOptions.dataSource; by default the host's default one). */
export const IVR_DATA_SOURCE = Symbol('IVR_DATA_SOURCE');

export const InjectIvrDataSource = (): ParameterDecorator => Inject(IVR_DATA_SOURCE);
