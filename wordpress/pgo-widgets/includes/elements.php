<?php
/**
 * The elements the plugin exposes, with the attributes each accepts. One list drives the shortcodes,
 * the blocks and the HTML filter, so an attribute allowed in one place is allowed in all.
 * A test keeps it in step with the library's custom-elements.json.
 *
 * @package pgo-widgets
 */

defined( 'ABSPATH' ) || exit;

/** Attributes every element accepts (the consultation it talks to, and its language). */
const PGO_WIDGETS_COMMON_ATTRIBUTES = array( 'backend', 'endpoint', 'consultation', 'lang' );

/**
 * Element tag => attributes of its own, each with the kind of value it takes
 * ('text', 'bool' for boolean attributes, 'id' for identifiers).
 *
 * @return array<string, array<string, string>>
 */
function pgo_widgets_elements() {
	return array(
		'pgo-consultation'     => array(),
		'pgo-phase-countdown'  => array(
			'compact'       => 'bool',
			'hide-timeline' => 'bool',
		),
		'pgo-proposal-form'    => array(
			'heading-level' => 'id',
		),
		'pgo-proposal-list'    => array(
			'sort'          => 'id',
			'category'      => 'id',
			'page-size'     => 'id',
			'heading-level' => 'id',
			'answer'        => 'id',
			'origin'        => 'id',
			'workshop'      => 'id',
		),
		'pgo-vote-button'      => array(
			'proposal' => 'id',
		),
		'pgo-event-list'       => array(
			'page-size'     => 'id',
			'heading-level' => 'id',
			'hide-filters'  => 'bool',
			'format'        => 'id',
			'mode'          => 'id',
			'place'         => 'text',
		),
		'pgo-event-card'       => array(
			'event'              => 'id',
			'compact'            => 'bool',
			'heading-level'      => 'id',
			'no-structured-data' => 'bool',
			'contributions-url'  => 'text',
		),
		'pgo-event-form'       => array(
			'heading-level' => 'id',
		),
		'pgo-comments'         => array(
			'target'        => 'id',
			'sort'          => 'id',
			'heading-level' => 'id',
		),
		'pgo-text'             => array(
			'document'      => 'id',
			'heading-level' => 'id',
		),
		'pgo-workshop-report'  => array(
			'event'         => 'id',
			'heading-level' => 'id',
			'host-key'      => 'id',
		),
	);
}

/**
 * Human labels for the block inserter and the settings page.
 *
 * @return array<string, string>
 */
function pgo_widgets_element_labels() {
	return array(
		'pgo-consultation'    => __( 'Consultation (wrapper)', 'pgo-widgets' ),
		'pgo-phase-countdown' => __( 'Consultation countdown', 'pgo-widgets' ),
		'pgo-proposal-form'   => __( 'Proposal form', 'pgo-widgets' ),
		'pgo-proposal-list'   => __( 'Proposal list', 'pgo-widgets' ),
		'pgo-vote-button'     => __( 'Vote button', 'pgo-widgets' ),
		'pgo-event-list'      => __( 'Event agenda', 'pgo-widgets' ),
		'pgo-event-card'      => __( 'Event card', 'pgo-widgets' ),
		'pgo-event-form'      => __( 'Relay workshop proposal form', 'pgo-widgets' ),
		'pgo-comments'        => __( 'Discussion', 'pgo-widgets' ),
		'pgo-text'            => __( 'Text written together', 'pgo-widgets' ),
		'pgo-workshop-report' => __( 'Relay workshop report form', 'pgo-widgets' ),
	);
}

/**
 * One-line descriptions for the block inserter.
 *
 * @return array<string, string>
 */
function pgo_widgets_element_descriptions() {
	return array(
		'pgo-consultation'    => __( 'Connects the widgets inside it to one consultation.', 'pgo-widgets' ),
		'pgo-phase-countdown' => __( 'The phase open now and the time left.', 'pgo-widgets' ),
		'pgo-proposal-form'   => __( 'Citizens propose an idea.', 'pgo-widgets' ),
		'pgo-proposal-list'   => __( 'The proposals to read and vote on.', 'pgo-widgets' ),
		'pgo-vote-button'     => __( 'Support or vote on one proposal.', 'pgo-widgets' ),
		'pgo-event-list'      => __( 'The agenda of events, with filters.', 'pgo-widgets' ),
		'pgo-event-card'      => __( 'One event, with registration.', 'pgo-widgets' ),
		'pgo-event-form'      => __( 'Anyone proposes a relay workshop.', 'pgo-widgets' ),
		'pgo-comments'        => __( 'Comments on a proposal, an event, a section or an amendment.', 'pgo-widgets' ),
		'pgo-text'            => __( 'A draft in sections: amendments, votes and decisions.', 'pgo-widgets' ),
		'pgo-workshop-report' => __( 'A relay workshop’s host files its report.', 'pgo-widgets' ),
	);
}

/**
 * Renders one element with escaped attributes. Values missing from $attributes fall back to the
 * plugin settings for the consultation (endpoint, consultation id), so an editor rarely types them.
 *
 * @param string               $tag        Element tag, one of pgo_widgets_elements().
 * @param array<string, mixed> $attributes Attribute => value (false/'' omitted; true for boolean attributes).
 * @param string               $content    Inner HTML (already safe), for the wrapper element.
 * @return string
 */
function pgo_widgets_render_element( $tag, $attributes, $content = '' ) {
	$elements = pgo_widgets_elements();
	if ( ! isset( $elements[ $tag ] ) ) {
		return '';
	}
	$settings = pgo_widgets_get_settings();
	$inside   = ( 'pgo-consultation' !== $tag ) && ! empty( $attributes['__inside_wrapper'] );
	$html     = '<' . $tag;
	$allowed  = array_merge( array_fill_keys( PGO_WIDGETS_COMMON_ATTRIBUTES, 'text' ), $elements[ $tag ] );
	if ( ! $inside ) {
		$attributes += array(
			'endpoint'     => $settings['endpoint'],
			'consultation' => $settings['consultation'],
		);
	}
	foreach ( $allowed as $name => $kind ) {
		if ( ! array_key_exists( $name, $attributes ) ) {
			continue;
		}
		$value = $attributes[ $name ];
		if ( 'bool' === $kind ) {
			if ( pgo_widgets_truthy( $value ) ) {
				$html .= ' ' . $name;
			}
			continue;
		}
		$value = is_scalar( $value ) ? trim( (string) $value ) : '';
		if ( '' === $value ) {
			continue;
		}
		if ( 'id' === $kind && ! preg_match( '/^[A-Za-z0-9_.:-]{1,120}$/', $value ) ) {
			continue;
		}
		// Addresses (the server's, a page's `*-url`) are http(s) only.
		if ( 'endpoint' === $name || '-url' === substr( $name, -4 ) ) {
			$value = esc_url( $value, array( 'http', 'https' ) );
		}
		$html .= ' ' . $name . '="' . esc_attr( $value ) . '"';
	}
	$html .= '>' . $content . '</' . $tag . '>';
	pgo_widgets_enqueue_library( array( $tag ) );
	return $html;
}

/**
 * Whether a shortcode or block attribute means "on".
 *
 * @param mixed $value The value.
 * @return bool
 */
function pgo_widgets_truthy( $value ) {
	if ( is_bool( $value ) ) {
		return $value;
	}
	$value = strtolower( trim( (string) $value ) );
	return '' !== $value && ! in_array( $value, array( '0', 'false', 'no', 'non', 'off' ), true );
}
