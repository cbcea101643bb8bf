import type { Knex } from 'knex';

// The knowledge base (issue 21): articles in Markdown with a category, tags, an audience (staff only,
// or also customers) and the products they apply to. Each article's content lives in revisions
// (append-only once superseded: author, reviewer, review-by date); the article row holds the
// revision that is live (published) — its title, rendered plain text and search vector — so search
// reads one table. Full-text search (English stemming, the title weighted A above tags B and body C)
// plus pg_trgm on title and tags for typos. Per article: views and deflections as counters (the
// portal increments deflections), feedback rows, links to cases, and the articles sent to customers.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE knowledge_categories (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      key text NOT NULL UNIQUE CHECK (key ~ '^[a-z0-9][a-z0-9-]{0,39}$'),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
      description text,
      created_at timestamptz NOT NULL,
      created_by uuid REFERENCES users(id)
    );

    CREATE TABLE knowledge_articles (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,99}$'),
      status text NOT NULL CHECK (status IN ('draft', 'published', 'archived')),
      category_id uuid NOT NULL REFERENCES knowledge_categories(id),
      audience text NOT NULL CHECK (audience IN ('staff', 'customers')),
      title text NOT NULL,
      body text NOT NULL,
      body_text text NOT NULL,
      tags text[] NOT NULL DEFAULT '{}',
      product_ids uuid[] NOT NULL DEFAULT '{}',
      -- The live revision (null until first published) and the newest one (a draft while being edited).
      published_revision integer,
      latest_revision integer NOT NULL,
      review_by date,
      published_at timestamptz,
      views bigint NOT NULL DEFAULT 0,
      -- Requests a customer abandoned after reading the article (the portal counts them through services.knowledge).
      deflections bigint NOT NULL DEFAULT 0,
      search tsvector NOT NULL,
      search_text text NOT NULL,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      created_by uuid REFERENCES users(id),
      CHECK (status <> 'published' OR published_revision IS NOT NULL)
    );
    CREATE INDEX knowledge_articles_search ON knowledge_articles USING gin (search);
    CREATE INDEX knowledge_articles_search_trgm ON knowledge_articles USING gin (search_text gin_trgm_ops);
    CREATE INDEX knowledge_articles_products ON knowledge_articles USING gin (product_ids);
    CREATE INDEX knowledge_articles_category ON knowledge_articles (category_id, status);
    CREATE INDEX knowledge_articles_review_by ON knowledge_articles (review_by) WHERE status = 'published';

    CREATE FUNCTION knowledge_article_search() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.search := setweight(to_tsvector('english', coalesce(NEW.title, '')), 'A')
        || setweight(to_tsvector('english', array_to_string(NEW.tags, ' ')), 'B')
        || setweight(to_tsvector('english', coalesce(NEW.body_text, '')), 'C');
      NEW.search_text := lower(NEW.title || ' ' || array_to_string(NEW.tags, ' '));
      RETURN NEW;
    END $$;
    CREATE TRIGGER knowledge_articles_search BEFORE INSERT OR UPDATE OF title, tags, body_text ON knowledge_articles
      FOR EACH ROW EXECUTE FUNCTION knowledge_article_search();

    CREATE TABLE knowledge_revisions (
      article_id uuid NOT NULL REFERENCES knowledge_articles(id),
      revision integer NOT NULL CHECK (revision >= 1),
      state text NOT NULL CHECK (state IN ('draft', 'in_review', 'published', 'superseded')),
      title text NOT NULL,
      body text NOT NULL,
      category_id uuid NOT NULL REFERENCES knowledge_categories(id),
      audience text NOT NULL CHECK (audience IN ('staff', 'customers')),
      tags text[] NOT NULL,
      product_ids uuid[] NOT NULL,
      review_by date,
      change_note text,
      author_id uuid REFERENCES users(id),
      author_name text NOT NULL,
      reviewer_id uuid REFERENCES users(id),
      reviewed_at timestamptz,
      review_note text,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (article_id, revision)
    );

    CREATE TABLE knowledge_article_history (
      id bigserial PRIMARY KEY,
      article_id uuid NOT NULL REFERENCES knowledge_articles(id),
      revision integer NOT NULL,
      event text NOT NULL CHECK (event IN ('created', 'edited', 'submitted', 'returned', 'published', 'review_confirmed', 'archived', 'restored')),
      note text,
      changed_by uuid REFERENCES users(id),
      changed_at timestamptz NOT NULL
    );
    CREATE INDEX knowledge_article_history_article ON knowledge_article_history (article_id, id);
    CREATE TRIGGER knowledge_article_history_no_update_delete BEFORE UPDATE OR DELETE ON knowledge_article_history FOR EACH ROW EXECUTE FUNCTION history_is_append_only();
    CREATE TRIGGER knowledge_article_history_no_truncate BEFORE TRUNCATE ON knowledge_article_history FOR EACH STATEMENT EXECUTE FUNCTION history_is_append_only();

    -- One opinion per staff user (changed by voting again); customers' feedback (the portal) has no user.
    CREATE TABLE knowledge_feedback (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      article_id uuid NOT NULL REFERENCES knowledge_articles(id),
      helpful boolean NOT NULL,
      comment text CHECK (length(comment) <= 1000),
      user_id uuid REFERENCES users(id),
      customer_id uuid REFERENCES customers(id),
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );
    CREATE UNIQUE INDEX knowledge_feedback_one_per_user ON knowledge_feedback (article_id, user_id) WHERE user_id IS NOT NULL;
    CREATE UNIQUE INDEX knowledge_feedback_one_per_customer ON knowledge_feedback (article_id, customer_id) WHERE customer_id IS NOT NULL;

    CREATE TABLE knowledge_case_links (
      article_id uuid NOT NULL REFERENCES knowledge_articles(id),
      case_id uuid NOT NULL REFERENCES service_cases(id),
      revision integer NOT NULL,
      linked_by uuid NOT NULL REFERENCES users(id),
      linked_at timestamptz NOT NULL,
      PRIMARY KEY (case_id, article_id)
    );
    CREATE INDEX knowledge_case_links_article ON knowledge_case_links (article_id);

    CREATE TABLE knowledge_article_sends (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      article_id uuid NOT NULL REFERENCES knowledge_articles(id),
      case_id uuid NOT NULL REFERENCES service_cases(id),
      customer_id uuid NOT NULL REFERENCES customers(id),
      revision integer NOT NULL,
      message_id uuid REFERENCES notification_outbox(id),
      sent_by uuid NOT NULL REFERENCES users(id),
      sent_at timestamptz NOT NULL
    );
    CREATE INDEX knowledge_article_sends_article ON knowledge_article_sends (article_id);
    CREATE INDEX knowledge_article_sends_case ON knowledge_article_sends (case_id);
  `);

  await knex('notification_template_keys').insert({
    key: 'knowledge-article',
    title: 'Help article',
    description: 'Sent by an agent from a case: a public help article that answers the customer’s question',
    variables: ['customerName', 'caseNumber', 'articleTitle', 'articleText'],
    sample: JSON.stringify({ customerName: 'Ada Lovelace', caseNumber: 'CS-000042', articleTitle: 'How to pay an invoice', articleText: 'Open the invoice and choose Pay…' }),
  });
  const now = new Date();
  await knex('notification_templates').insert([
    {
      key: 'knowledge-article',
      channel: 'email',
      language: 'en',
      version: 1,
      subject: '{{articleTitle}} ({{caseNumber}})',
      body: 'Dear {{customerName}},\n\nAs promised about your request {{caseNumber}}, here is our help article "{{articleTitle}}":\n\n{{articleText}}\n\nPolicydesk Insurance',
      created_at: now,
    },
    {
      key: 'knowledge-article',
      channel: 'sms',
      language: 'en',
      version: 1,
      subject: null,
      body: 'Policydesk ({{caseNumber}}): {{articleTitle}} — {{articleText}}',
      created_at: now,
    },
  ]);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP TABLE knowledge_article_sends, knowledge_case_links, knowledge_feedback, knowledge_article_history, knowledge_revisions, knowledge_articles, knowledge_categories;
    DROP FUNCTION knowledge_article_search();
    DELETE FROM notification_outbox WHERE template_key = 'knowledge-article';
    DELETE FROM notification_templates WHERE key = 'knowledge-article';
    DELETE FROM notification_template_keys WHERE key = 'knowledge-article';
  `);
}
