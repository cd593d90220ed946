import { describeSpecAreas } from './describe-spec';

describeSpecAreas(['crud']);
