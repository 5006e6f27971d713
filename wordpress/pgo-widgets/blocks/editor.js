/* Block editor side of the pgo-widgets blocks: plain ES5, no build step. The blocks are registered on
 * the server from their block.json (API version 3); here each gets its editor: a labelled placeholder in
 * the content and its attributes in the sidebar. The page renders it on the server. */
(function (wp, definitions) {
	'use strict';
	if (!wp || !wp.blocks || !definitions) {
		return;
	}
	var el = wp.element.createElement;
	var InspectorControls = wp.blockEditor.InspectorControls;
	var useBlockProps = wp.blockEditor.useBlockProps;
	var PanelBody = wp.components.PanelBody;
	var TextControl = wp.components.TextControl;
	var ToggleControl = wp.components.ToggleControl;
	var __ = wp.i18n.__;

	definitions.forEach(function (definition) {
		wp.blocks.registerBlockType(definition.name, {
			apiVersion: 3,
			title: definition.title,
			category: 'widgets',
			icon: 'groups',
			attributes: definition.attributes,
			edit: function (props) {
				var controls = Object.keys(definition.labels).map(function (key) {
					var type = definition.attributes[key].type;
					var onChange = function (value) {
						var next = {};
						next[key] = value;
						props.setAttributes(next);
					};
					return type === 'boolean'
						? el(ToggleControl, { key: key, label: definition.labels[key], checked: !!props.attributes[key], onChange: onChange })
						: el(TextControl, { key: key, label: definition.labels[key], value: props.attributes[key] || '', onChange: onChange });
				});
				return el(
					'div',
					useBlockProps({ className: 'pgo-widgets-block-placeholder' }),
					el(InspectorControls, null, el(PanelBody, { title: __('Widget settings', 'pgo-widgets') }, controls)),
					el('p', null, definition.title),
					el('code', null, '<' + definition.tag + '>')
				);
			},
			save: function () {
				return null;
			}
		});
	});
})(window.wp, window.pgoWidgetsBlocks);
