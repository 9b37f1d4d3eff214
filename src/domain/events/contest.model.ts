import { Schema, type Connection, type Model, type Types } from 'mongoose';

/** One person's entry to a contest; editable while the contest is open. */
export interface Submission {
  _id: Types.ObjectId;
  eventId: Types.ObjectId;
  userId: Types.ObjectId;
  title: string;
  link: string;
  description?: string;
  createdAt: Date;
  updatedAt: Date;
}

const submissionSchema = new Schema<Submission>(
  {
    eventId: { type: Schema.Types.ObjectId, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    title: { type: String, required: true, maxlength: 200 },
    link: { type: String, required: true, maxlength: 500 },
    description: { type: String, maxlength: 4000 },
  },
  { timestamps: true },
);
submissionSchema.index({ eventId: 1, userId: 1 }, { unique: true });
submissionSchema.index({ eventId: 1, createdAt: 1, _id: 1 });

/** The contest submissions collection on this connection. */
export function submissionModel(connection: Connection): Model<Submission> {
  return (
    (connection.models.Submission as Model<Submission> | undefined) ??
    connection.model<Submission>('Submission', submissionSchema, 'contest_submissions')
  );
}
