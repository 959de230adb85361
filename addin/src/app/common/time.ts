/** The front end's day and time helpers live in core (the task pane uses them too). */
export * from '../../core/time';
