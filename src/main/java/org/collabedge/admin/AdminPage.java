package org.collabedge.admin;

/** One admin page: fills the model for its template on GET, carries out its form on POST. */
interface AdminPage {

    /** The URL segment and template name, e.g. "domains". */
    String name();

    void get(PageContext page);

    /** Carries out one form action; throws ValidationException to redraw the form with its errors. */
    void post(PageContext page);
}
