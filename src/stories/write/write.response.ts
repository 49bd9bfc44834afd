import { ApiProperty } from '@nestjs/swagger';
import { WriteResult } from './write-context';

/** The answer to every write (API.md "Writes"), for the OpenAPI page. */
export class WriteResponse implements WriteResult {
  @ApiProperty({ format: 'uuid' }) storyId!: string;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ example: 4, description: "the story's stream version after the write (also the ETag)" }) version!: number;
  @ApiProperty({ example: 1207, description: 'global position of the event; pass it as minPosition to read your own write' }) position!: number;
}
