import { Module } from '@nestjs/common';
import { EditorController } from './editor.controller';

/** The editor's page at `/editor` (static; it reads the API in the browser). */
@Module({ controllers: [EditorController] })
export class EditorModule {}
