import { describeSpecAreas } from './describe-spec';

describeSpecAreas(['transactions', 'sessions', 'index-management', 'collection-management']);
